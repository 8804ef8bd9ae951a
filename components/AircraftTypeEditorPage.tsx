import { AdminLayout } from "./AdminLayout.tsx";
import LayoutEditor, { type LayoutEditorProps } from "../islands/LayoutEditor.tsx";
import { SeatFeesForm, type SeatFeesFormProps } from "./SeatFeesForm.tsx";

/** A configuration as the type's page lists it. */
export interface ConfigurationRow {
  code: string;
  name: string;
  seatCount: number;
  isDefault: boolean;
  upcomingFlights: number;
}

function Configurations({ type, rows }: { type: string; rows: ConfigurationRow[] }) {
  return (
    <section aria-labelledby="configurations-heading">
      <h2 id="configurations-heading">Cabin configurations</h2>
      <p>
        Seat layouts of the {type}, each with its own seat fees. Crew rated on the {type}{" "}
        fly every one of them.
      </p>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">Configuration</th>
            <th scope="col">Name</th>
            <th scope="col">Seats</th>
            <th scope="col">Upcoming flights</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.code}>
              <td>
                <a href={`/admin/aircraft-types/${type}/configurations/${c.code}`}>{c.code}</a>
                {c.isDefault ? " (default)" : ""}
              </td>
              <td>{c.name}</td>
              <td>{c.seatCount}</td>
              <td>{c.upcomingFlights}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href={`/admin/aircraft-types/${type}/configurations/new`}>Add a configuration</a>
      </p>
    </section>
  );
}

/**
 * An aircraft type's page (the layout editor for the type and its default layout, and its
 * configurations), or one configuration's page (the editor for that layout only).
 */
export function AircraftTypeEditorPage(
  { editor, configurations, fees }: {
    editor: LayoutEditorProps;
    configurations?: ConfigurationRow[];
    fees?: SeatFeesFormProps;
  },
) {
  const of = editor.configurationOf;
  const title = editor.mode === "create"
    ? of ? `New configuration of the ${of}` : "New aircraft type"
    : of
    ? `${of} configuration ${editor.initial.code}`
    : `${editor.initial.code} ${editor.initial.name}`;
  return (
    <AdminLayout title={title}>
      <p>
        {of
          ? <a href={`/admin/aircraft-types/${of}`}>The {of} and its configurations</a>
          : <a href="/admin/aircraft-types">All aircraft types</a>}
      </p>
      <h1>{title}</h1>
      {configurations && <Configurations type={editor.initial.code} rows={configurations} />}
      {configurations && <h2>The type and its default layout</h2>}
      <LayoutEditor {...editor} />
      {fees && <SeatFeesForm {...fees} />}
    </AdminLayout>
  );
}
