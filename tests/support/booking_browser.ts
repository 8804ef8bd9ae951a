/** Steps of signing up and booking in a real browser, shared by the browser tests. */
import type { Page } from "playwright-core";

/** On the sign-up page: creates Ada's account (ada@example.test) under `name`. */
export async function submitSignUp(page: Page, name = "Ada"): Promise<void> {
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email").fill("ada@example.test");
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create an account" }).click();
}

/** From the sign-in page a guest was sent to: signs up as Ada, and so comes back. */
export async function signUpInstead(page: Page): Promise<void> {
  await page.getByRole("link", { name: "New here? Create an account" }).click();
  await submitSignUp(page);
}

/** Fills the passenger details form with `people` as [first name, last name, born]. */
export async function fillPassengers(page: Page, people: string[][]): Promise<void> {
  for (const [i, [first, last, born]] of people.entries()) {
    await page.locator(`#p${i}-firstName`).fill(first);
    await page.locator(`#p${i}-lastName`).fill(last);
    await page.locator(`#p${i}-dateOfBirth`).fill(born);
  }
}

/** Fills the checkout's card form with card `number` and a valid rest. */
export async function fillCard(page: Page, number: string): Promise<void> {
  await page.locator("#card-number").fill(number);
  await page.locator("#card-month").selectOption("12");
  await page.locator("#card-year").selectOption("2031");
  await page.locator("#card-cvc").fill("123");
  await page.locator("#card-name").fill("Ada Lovelace");
}

/**
 * A guest books `flightId` for `people` by count: signs up on the way, fills the details and
 * holds, and lands on the checkout.
 */
export async function holdAsNewPassenger(
  page: Page,
  url: string,
  people: string[][],
): Promise<void> {
  await page.goto(url);
  await signUpInstead(page);
  await page.waitForURL(/\/book\//);
  await fillPassengers(page, people);
  await page.getByRole("button", { name: "Hold seats and continue" }).click();
  await page.waitForURL(/\/checkout\//);
}
