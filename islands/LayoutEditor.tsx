import { defineIsland } from "./island.ts";
import { useEffect, useRef, useState } from "preact/hooks";
import {
  blankCabin,
  type CabinFields,
  layoutKey,
  MAX_CABINS,
  problemsByField,
  type TypeFields,
  typeInput,
} from "../domain/layout_edit.ts";
import {
  cycleRow,
  cycleSeat,
  ROW_MARK_LABEL,
  rowMark,
  SEAT_MARK_LABEL,
  seatMark,
} from "../domain/layout_grid.ts";
import { CabinFieldset } from "./layout_editor/LayoutFields.tsx";
import { ProblemList, SpareCabins, TypeFieldset } from "./layout_editor/LayoutFormParts.tsx";
import { SeatGrid } from "./layout_editor/SeatGrid.tsx";
import { api } from "./client/api.ts";

/** Props of LayoutEditor. */
export interface LayoutEditorProps {
  mode: "create" | "edit";
  /** Where the form posts without JavaScript (a page route using the same service). */
  action: string;
  csrf: string;
  initial: TypeFields;
  /** Problems by input name, from a form post (see problemsByField). */
  errors?: Record<string, string[]>;
  /** A problem with the whole form, e.g. why a layout in use cannot change. */
  formError?: string;
  notice?: string;
  /** Flights not yet departed that use this layout (it is frozen while any do). */
  upcomingFlights: number;
  /** Set when the form edits a cabin configuration of this aircraft type, not the type. */
  configurationOf?: string;
}

/** Where the form saves through the JSON API, and the body it sends. */
function request(p: LayoutEditorProps, fields: TypeFields, sameLayout: boolean) {
  const input = typeInput(fields);
  const code = fields.code.trim().toUpperCase();
  const { layout, ...rest } = input;
  const type = p.configurationOf;
  if (type) {
    const base = `/api/admin/aircraft-types/${encodeURIComponent(type)}/configurations`;
    return p.mode === "create"
      ? { url: base, method: "POST", body: { code, name: rest.name, layout } }
      : {
        url: `${base}/${encodeURIComponent(code)}`,
        method: "PUT",
        body: sameLayout ? { name: rest.name } : { name: rest.name, layout },
      };
  }
  return p.mode === "create"
    ? { url: "/api/admin/aircraft-types", method: "POST", body: { code, ...input } }
    : {
      url: `/api/admin/aircraft-types/${encodeURIComponent(code)}`,
      method: "PUT",
      body: sameLayout ? rest : input,
    };
}

/** Where a created type or configuration is edited. */
export function editorPath(code: string, configurationOf?: string) {
  return configurationOf
    ? `/admin/aircraft-types/${configurationOf}/configurations/${code}`
    : `/admin/aircraft-types/${code}`;
}

/** An aircraft type's form with a visual seat map per cabin once hydrated. */
function LayoutEditor(p: LayoutEditorProps) {
  const [fields, setFields] = useState(p.initial);
  const [errors, setErrors] = useState(p.errors ?? {});
  const [formError, setFormError] = useState(p.formError);
  const [notice, setNotice] = useState(p.notice);
  const [said, setSaid] = useState("");
  const [busy, setBusy] = useState(false);
  const [hydrated, setHydrated] = useState(false);
  const baseline = useRef(layoutKey(typeInput(p.initial).layout));
  const alertRef = useRef<HTMLDivElement>(null);
  const [refused, setRefused] = useState(0);
  useEffect(() => setHydrated(true), []);
  // Focus moves to the problems once they are on screen, after the render that shows them.
  useEffect(() => void (refused && alertRef.current?.focus()), [refused]);

  const setCabin = (i: number, cabin: CabinFields) =>
    setFields((f) => ({ ...f, cabins: f.cabins.map((c, j) => (j === i ? cabin : c)) }));
  const onSeat = (i: number, id: string) => {
    const next = cycleSeat(fields.cabins[i], id);
    setCabin(i, next);
    setSaid(`Seat ${id} ${SEAT_MARK_LABEL[seatMark(next, id)]}`);
  };
  const onRow = (i: number, row: number) => {
    const next = cycleRow(fields.cabins[i], row);
    setCabin(i, next);
    setSaid(`Row ${row}: ${ROW_MARK_LABEL[rowMark(next, row)]}`);
  };
  const addCabin = () => {
    const last = fields.cabins.at(-1);
    const first = last ? Number(last.lastRow) + 1 || 1 : 1;
    setFields((f) => ({ ...f, cabins: [...f.cabins, blankCabin("Y", first)] }));
  };

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    const { layout } = typeInput(fields);
    const code = fields.code.trim().toUpperCase();
    // An unchanged layout is left out, so a layout that flights use can still be renamed.
    const ask = request(p, fields, layoutKey(layout) === baseline.current);
    const res = await api(ask.url, { method: ask.method, body: ask.body });
    setBusy(false);
    if (res.ok) {
      if (p.mode === "create") {
        return location.assign(`${editorPath(code, p.configurationOf)}?saved=1`);
      }
      baseline.current = layoutKey(layout);
      setErrors({});
      setFormError(undefined);
      setNotice("Saved.");
      return;
    }
    setNotice(undefined);
    setErrors(problemsByField(res.problem.errors ?? []));
    setFormError(
      res.problem.code === "layout_in_use"
        ? `The seat layout cannot change: ${res.problem.detail}`
        : res.problem.detail ?? res.problem.title,
    );
    setRefused((n) => n + 1);
  }

  const problems = Object.keys(errors).length > 0;
  return (
    <form method="post" action={p.action} class="layout-editor" onSubmit={save}>
      <input type="hidden" name="_csrf" value={p.csrf} />
      <div ref={alertRef} tabIndex={-1} role="alert" class="alert-slot">
        {(formError || problems) && (
          <div class="form-error">
            <p>{formError ?? "Please correct these fields."}</p>
            {problems && <ProblemList errors={errors} />}
          </div>
        )}
      </div>
      <p role="status" class={notice ? "notice" : "visually-hidden"}>{notice ?? ""}</p>
      {p.upcomingFlights > 0 && (
        <p class="layout-frozen">
          {p.upcomingFlights}{" "}
          flight(s) not yet departed use this seat layout. Names and figures can change, but not the
          layout: their seat maps were sold from it. For another layout, add a configuration of this
          type and change those flights' aircraft to it; crew ratings stay valid.
        </p>
      )}
      <TypeFieldset
        fields={fields}
        withCode={p.mode === "create"}
        configurationOf={p.configurationOf}
        errors={errors}
        onChange={setFields}
      />
      <h2>Seat layout</h2>
      {errors.layout && <p class="field-error">{errors.layout.join("; ")}</p>}
      {fields.cabins.map((cabin, i) => (
        <CabinFieldset
          key={i}
          cabin={cabin}
          index={i}
          errors={errors}
          legend={`Cabin ${i + 1}${cabin.name ? `: ${cabin.name}` : ""}`}
          onChange={(c) => setCabin(i, c)}
        >
          {hydrated && (
            <>
              <SeatGrid
                cabin={cabin}
                index={i}
                onSeat={(id) => onSeat(i, id)}
                onRow={(r) => onRow(i, r)}
              />
              {fields.cabins.length > 1 && (
                <button
                  type="button"
                  class="secondary"
                  onClick={() =>
                    setFields({ ...fields, cabins: fields.cabins.filter((_, j) => j !== i) })}
                >
                  Remove cabin {i + 1}
                </button>
              )}
            </>
          )}
        </CabinFieldset>
      ))}
      {!hydrated && <SpareCabins after={fields.cabins.length} />}
      {hydrated && fields.cabins.length < MAX_CABINS && (
        <button type="button" class="secondary" onClick={addCabin}>Add a cabin</button>
      )}
      <p class="visually-hidden" aria-live="polite">{said}</p>
      <div class="form-actions">
        <button type="submit" disabled={busy}>
          {p.mode === "edit"
            ? "Save changes"
            : p.configurationOf
            ? "Create configuration"
            : "Create aircraft type"}
        </button>
      </div>
    </form>
  );
}

/** The LayoutEditor island, as pages embed it. */
export default defineIsland("LayoutEditor", LayoutEditor);
