import { AdminLayout } from "./AdminLayout.tsx";
import LayoutEditor, { type LayoutEditorProps } from "../islands/LayoutEditor.tsx";
import { SeatFeesForm, type SeatFeesFormProps } from "./SeatFeesForm.tsx";

/** An aircraft type's page: the way back to the list, the layout editor, its seat fees. */
export function AircraftTypeEditorPage(
  { editor, fees }: { editor: LayoutEditorProps; fees?: SeatFeesFormProps },
) {
  const title = editor.mode === "create"
    ? "New aircraft type"
    : `${editor.initial.code} ${editor.initial.name}`;
  return (
    <AdminLayout title={title}>
      <p>
        <a href="/admin/aircraft-types">All aircraft types</a>
      </p>
      <h1>{title}</h1>
      <LayoutEditor {...editor} />
      {fees && <SeatFeesForm {...fees} />}
    </AdminLayout>
  );
}
