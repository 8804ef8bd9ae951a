import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { PageClient } from "../support/pages.ts";

testOnEachBackend(
  "pages: sign up, out and in with plain forms; forms without the CSRF token are refused",
  async (db) => {
    const t = await testApp(db);
    try {
      const browser = new PageClient(t.app);
      const login = await browser.html("/login?next=/trips");
      assert.match(login, /name="_csrf" value="[A-Za-z0-9_-]{20,}"/);
      assert.match(login, /name="next" value="\/trips"/);
      await browser.register("ada@example.test");
      const home = await browser.html("/");
      assert.match(home, /Sign out/);
      assert.match(home, /ada@example\.test|Account/);

      const out = await browser.post("/logout", {});
      assert.equal(out.status, 303);
      assert.doesNotMatch(await browser.html("/"), /Sign out/);

      const wrong = await browser.post("/login", {
        email: "ada@example.test",
        password: "wrong password!",
        next: "/",
      });
      assert.equal(wrong.status, 401);
      assert.match(await wrong.text(), /role="alert"[^>]*>Email or password is wrong/);
      const ok = await browser.post("/login", {
        email: "ada@example.test",
        password: "correct horse battery",
        next: "//evil.example/steal",
      });
      assert.equal(ok.status, 303);
      assert.equal(ok.headers.get("location"), "/", "no open redirect");

      const forged = await t.app.request("/logout", {
        method: "POST",
        headers: {
          Cookie: browser.jar.header(),
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: "_csrf=forged",
      });
      assert.equal(forged.status, 403);
      assert.match(forged.headers.get("content-type") ?? "", /text\/html/);
      assert.match(await browser.html("/"), /Sign out/, "a forged form changed nothing");

      // An expired access cookie is renewed from the refresh cookie on the next page.
      t.clock.advance(20 * 60_000);
      assert.match(await browser.html("/"), /Sign out/);
      const missing = await browser.get("/no-such-page");
      assert.equal(missing.status, 404);
      assert.match(await missing.text(), /<h1>Not Found<\/h1>/);
    } finally {
      await t.close();
    }
  },
);
