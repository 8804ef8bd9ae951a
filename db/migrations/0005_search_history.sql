-- What signed-in users searched for, to recommend trips; erased with the account.
CREATE TABLE search_history (
  id bigserial PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  origin char(3) NOT NULL,
  destination char(3) NOT NULL,
  travel_date date NOT NULL,
  searched_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX search_history_user_idx ON search_history (user_id, searched_at DESC);
