/** The admin the e2e panel is started with (a throw-away data directory). */
export const e2eAdmin = { email: "admin@e2e.test", password: "e2e-admin-password-1" };
