/** View type of an airport in autosuggest. */
/** An airport as autosuggest shows it. */
export interface AirportSuggestion {
  iata: string;
  name: string;
  city: string;
  country: string;
  tz: string;
  /** Contrail flies from here. */
  served: boolean;
}
