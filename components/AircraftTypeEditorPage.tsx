import { AdminLayout } from "./AdminLayout.tsx";
import LayoutEditor, { type LayoutEditorProps } from "../islands/LayoutEditor.tsx";

/** An aircraft type's page: the way back to the list, and the layout editor island. */
export function AircraftTypeEditorPage({ editor }: { editor: LayoutEditorProps }) {
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
    </AdminLayout>
  );
}
