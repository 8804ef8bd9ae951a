/**
 * Password rules (NIST SP 800-63B style): length matters, composition rules do not, and
 * passwords known from breaches are refused.
 */
export const MIN_PASSWORD_LENGTH = 10;
/** Long enough for passphrases, short enough to bound hashing cost. */
export const MAX_PASSWORD_LENGTH = 200;

// The most common passwords of at least 10 characters in public breach corpora, plus
// obvious variants of this site's name; a refusal says why without listing them.
const COMMON = new Set([
  "1234567890",
  "0123456789",
  "1q2w3e4r5t",
  "qwertyuiop",
  "1qaz2wsx3edc",
  "qwerty1234",
  "1234qwerty",
  "password12",
  "password123",
  "password1234",
  "passw0rd123",
  "iloveyou12",
  "abcdefghij",
  "abcd123456",
  "a123456789",
  "123456789a",
  "1234567890a",
  "qwerty12345",
  "qwertyuiop1",
  "asdfghjkl1",
  "zxcvbnm123",
  "football123",
  "baseball123",
  "welcome123",
  "letmein123",
  "superman123",
  "princess123",
  "sunshine123",
  "starwars123",
  "dragon1234",
  "monkey1234",
  "michael123",
  "shadow1234",
  "master1234",
  "jennifer123",
  "computer123",
  "trustno1234",
  "whatever12",
  "1111111111",
  "0000000000",
  "2222222222",
  "9999999999",
  "1212121212",
  "1122334455",
  "aaaaaaaaaa",
  "qazwsxedcrfv",
  "administrator",
  "changeme123",
  "contrail123",
  "contrail-demo",
  "contrailpassword",
  "flightbooking",
  "airplane123",
]);

/** Why a password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  }
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || /^(.)\1+$/.test(password)) {
    return "This password is too common; choose another.";
  }
  const local = email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) {
    return "Do not use your email address in your password.";
  }
  return undefined;
}
