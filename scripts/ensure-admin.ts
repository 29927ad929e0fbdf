// Creates the first admin on first start and prints its credentials once.
import { ensureAdmin } from "@/server/auth/ensure-admin";
import { db } from "@/server/db";
import { env } from "@/server/env";

async function main() {
  const result = await ensureAdmin(db, { email: env.SLIPWAY_ADMIN_EMAIL, password: env.SLIPWAY_ADMIN_PASSWORD, dataDir: env.dataDir });
  if (result.created) {
    console.log("");
    console.log("  First start: an admin account was created.");
    console.log(`    e-mail:   ${result.email}`);
    if (result.password) {
      console.log(`    password: ${result.password}`);
      console.log(`    (also saved, readable by root only, in ${result.passwordFile})`);
    } else {
      console.log("    password: the one in SLIPWAY_ADMIN_PASSWORD");
    }
    console.log("");
  }
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(`[admin] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
