/** What signing up and in take, as the auth API and the sign-in pages validate it. */
import { z } from "zod";
import { MAX_PASSWORD_LENGTH } from "../../domain/password_policy.ts";

const email = z.email({ message: "expected an email address" }).max(254).transform((e) => e.trim());
/** Body of `POST /api/auth/register`. */
export const RegisterBody = z.object({
  email,
  password: z.string().max(MAX_PASSWORD_LENGTH),
  name: z.string().trim().min(1).max(100),
});
/** Body of `POST /api/auth/login`. */
export const LoginBody = z.object({ email, password: z.string().min(1).max(MAX_PASSWORD_LENGTH) });
/** Body of refresh and logout (or the refresh cookie). */
export const TokenBody = z.object({ refreshToken: z.string().min(20).max(200).optional() }).default(
  {},
);
