import { describe, expect, it } from "vitest";
import { generatePassword } from "@/lib/users/passwords";
import { passwordWeakness } from "@/lib/users/password-strength";
import { testPasswords } from "../support/test-passwords";

describe("passwordWeakness", () => {
  it("refuses repeated, common, sequential and keyboard passwords of allowed length, saying why", () => {
    expect(passwordWeakness("aaaaaaaaaaaa")).toBe("repeats the same characters; use a passphrase of several unrelated words");
    expect(passwordWeakness("123456789012")).toMatch(/^is a commonly used password/);
    expect(passwordWeakness("password1234")).toMatch(/commonly used password/);
    expect(passwordWeakness("qwertyuiop12")).not.toBeNull();
    expect(passwordWeakness("abcabcabcabc")).toMatch(/^repeats the same pattern/);
  });

  it("refuses a password made of the person's own name or e-mail", () => {
    expect(passwordWeakness("amirahaddad1", ["amira.haddad@example.test", "Amira Haddad"])).not.toBeNull();
  });

  it("accepts generated passwords, passphrases and every password the tests and seed use", () => {
    for (let index = 0; index < 50; index += 1) expect(passwordWeakness(generatePassword())).toBeNull();
    for (const password of [
      ...Object.values(testPasswords),
      "correct horse battery staple",
      "an analyst's long passphrase",
      "a brand new passphrase",
      "a perfectly long passphrase",
    ]) {
      expect(passwordWeakness(password), password).toBeNull();
    }
  });
});
