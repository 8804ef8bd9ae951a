import { defineIsland } from "./island.ts";
import { useEffect, useRef, useState } from "preact/hooks";
import type { AirportSuggestion } from "../domain/views/airport.ts";
import { api } from "./client/api.ts";

/** Props of AirportCombobox. */
export interface AirportComboboxProps {
  /** The input's id; the listbox and options derive theirs from it. */
  id: string;
  /** The form field's name (e.g. "from"). */
  name: string;
  label: string;
  value?: string;
  /** A validation message from the server, shown under the field. */
  error?: string;
}

const DELAY_MS = 150;

/** What the field holds once an airport is chosen; the server reads the code in brackets. */
export function airportText(a: AirportSuggestion): string {
  return `${a.city} (${a.iata})`;
}

/** One line of the list: the airport's name with its city (when the name lacks it) and country. */
export function airportPlace(a: AirportSuggestion): string {
  const city = a.name.toLowerCase().includes(a.city.toLowerCase()) ? "" : `, ${a.city}`;
  return `${a.name}${city}, ${a.country}`;
}

/**
 * An airport field: without JavaScript a plain text input taking an IATA code; hydrated, an
 * ARIA 1.2 combobox over `GET /api/airports?q=` (list autocomplete, manual selection).
 */
function AirportCombobox(p: AirportComboboxProps) {
  const [text, setText] = useState(p.value ?? "");
  const [options, setOptions] = useState<AirportSuggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [hydrated, setHydrated] = useState(false);
  const latest = useRef("");
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => {
    setHydrated(true);
    return () => clearTimeout(timer.current);
  }, []);

  const listId = `${p.id}-list`;
  const optionId = (i: number) => `${p.id}-opt-${i}`;
  const errorId = `${p.id}-error`;

  async function suggest(q: string) {
    latest.current = q;
    if (q.trim().length < 2) {
      setOptions([]);
      setOpen(false);
      return;
    }
    const r = await api<{ data: AirportSuggestion[] }>(
      `/api/airports?q=${encodeURIComponent(q.trim())}`,
    );
    // An answer to an older keystroke must not replace the current list.
    if (latest.current !== q || !r.ok) return;
    setOptions(r.data.data);
    setOpen(r.data.data.length > 0);
    setActive(-1);
  }

  function onInput(value: string) {
    setText(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => suggest(value), DELAY_MS);
  }

  function choose(a: AirportSuggestion) {
    latest.current = "";
    setText(airportText(a));
    setOpen(false);
    setActive(-1);
  }

  function move(step: 1 | -1) {
    if (options.length === 0) return void suggest(text);
    setOpen(true);
    setActive((i) => (i < 0 && step < 0 ? options.length - 1 : (i + step + options.length) %
      options.length)
    );
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      move(e.key === "ArrowDown" ? 1 : -1);
    } else if (e.key === "Enter" && open && active >= 0) {
      e.preventDefault();
      choose(options[active]);
    } else if (e.key === "Escape") {
      if (open) {
        e.preventDefault();
        setOpen(false);
        setActive(-1);
      } else setText("");
    } else if (e.key === "Tab") setOpen(false);
  }

  const aria = hydrated
    ? {
      role: "combobox" as const,
      "aria-autocomplete": "list" as const,
      "aria-expanded": open,
      "aria-controls": listId,
      "aria-activedescendant": open && active >= 0 ? optionId(active) : undefined,
    }
    : {};
  return (
    <div class="combobox">
      <label for={p.id}>{p.label}</label>
      <input
        id={p.id}
        name={p.name}
        type="text"
        value={text}
        required
        autocomplete="off"
        spellcheck={false}
        placeholder="City, airport or code, e.g. Heathrow"
        aria-invalid={p.error ? true : undefined}
        aria-describedby={p.error ? errorId : undefined}
        {...aria}
        onInput={(e) => onInput(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      {p.error && <p id={errorId} class="field-error">{p.error}</p>}
      <ul id={listId} role="listbox" aria-label={`${p.label}: suggestions`} hidden={!open}>
        {options.map((a, i) => (
          <li
            key={a.iata}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            class={a.served ? "served" : "unserved"}
            title={`${a.iata} ${airportPlace(a)}${a.served ? "" : " (not served)"}`}
            onMouseDown={(e) => e.preventDefault()}
            onMouseMove={() => setActive(i)}
            onClick={() => choose(a)}
          >
            <strong>{a.iata}</strong> <span class="place">{airportPlace(a)}</span>
            {!a.served && <span class="muted">not served</span>}
          </li>
        ))}
      </ul>
      <span class="visually-hidden" aria-live="polite">
        {open ? `${options.length} suggestions; use the arrow keys and Enter to choose.` : ""}
      </span>
    </div>
  );
}

/** The AirportCombobox island, as pages embed it. */
export default defineIsland("AirportCombobox", AirportCombobox);
