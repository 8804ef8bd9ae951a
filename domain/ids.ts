const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a canonical uuid: the form Postgres ids take, checked before a uuid column query. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
