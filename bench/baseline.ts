/**
 * A benchmark's baseline: another commit of this project, checked out into a temporary git
 * worktree outside the project, installed and built as a deploy would, so its server starts
 * exactly as this one does and runs the same scenario in the same period.
 */
import { ROOT } from "../tests/support/server.ts";

async function run(cwd: string, cmd: string, args: string[]): Promise<void> {
  const out = await new Deno.Command(cmd, { args, cwd, stdout: "piped", stderr: "piped" })
    .output();
  if (!out.success) {
    const err = new TextDecoder().decode(out.stderr).trim().split("\n").slice(-5).join("\n");
    throw new Error(`${cmd} ${args.join(" ")} failed in ${cwd}:\n${err}`);
  }
}

/** The commit a ref names, short (for the report). */
export async function resolveRef(ref: string): Promise<string> {
  const out = await new Deno.Command("git", {
    args: ["rev-parse", "--short", `${ref}^{commit}`],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(`unknown git ref ${ref}`);
  return new TextDecoder().decode(out.stdout).trim();
}

/**
 * Runs `fn` with the path of a checkout of `ref` (`deno install` and `deno task build` done);
 * the worktree is removed afterwards, whatever happened.
 */
export async function withBaseline<T>(ref: string, fn: (root: string) => Promise<T>): Promise<T> {
  const commit = await resolveRef(ref);
  const parent = await Deno.makeTempDir({ prefix: "contrail-baseline-" });
  const root = `${parent}/${commit}`;
  try {
    await run(ROOT, "git", ["worktree", "add", "--detach", root, commit]);
    await run(root, Deno.execPath(), ["install"]);
    await run(root, Deno.execPath(), ["task", "build"]);
    return await fn(root);
  } finally {
    await run(ROOT, "git", ["worktree", "remove", "--force", root]).catch(() => {});
    await run(ROOT, "git", ["worktree", "prune"]).catch(() => {});
    await Deno.remove(parent, { recursive: true }).catch(() => {});
  }
}

/** `a / b` as "×1.23", or "–" when either is missing or zero. */
export function ratio(a: number | undefined, b: number | undefined): string {
  if (!a || !b || !Number.isFinite(a) || !Number.isFinite(b)) return "–";
  return `×${(a / b).toFixed(2)}`;
}
