/** View types of the crew roster. */
import type { CrewRole } from "../crew/model.ts";

/** A crew member as the admin API shows them. */
export interface CrewMemberView {
  id: string;
  employeeNumber: string;
  name: string;
  role: CrewRole;
  homeBase: string;
  typeRatings: string[];
  userId: string | null;
  active: boolean;
  createdAt: string;
}
