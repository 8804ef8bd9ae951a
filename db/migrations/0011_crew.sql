-- Crew scheduling: the roster is filtered by base and role, and crew notices find a member by
-- their user account.
CREATE INDEX crew_members_base_role_idx ON crew_members (home_base, role);
CREATE INDEX crew_members_user_idx ON crew_members (user_id) WHERE user_id IS NOT NULL;

-- An override must say why; the API asks for 10 to 500 characters.
ALTER TABLE crew_assignments
  ADD CONSTRAINT crew_assignments_override_reason_len
  CHECK (override_reason IS NULL OR length(override_reason) BETWEEN 10 AND 500);
