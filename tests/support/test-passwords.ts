// Known passwords for the seeded users in test runs only; production seeds
// take them from the environment or generate them.
export const testPasswords = {
  SEED_PASSWORD_ADMIN: "admin test passphrase 1",
  SEED_PASSWORD_LEAD_ANALYST: "analyst test passphrase 1",
  SEED_PASSWORD_SECOND_ANALYST: "second analyst test passphrase 1",
  SEED_PASSWORD_VIEWER: "viewer test passphrase 1",
};
