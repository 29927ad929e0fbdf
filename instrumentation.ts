// Runs once when the panel's server process starts: resume the runs a previous process left running.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { services } = await import("@/server/services");
  // The front server and every live site's containers come back (and stay) up while the panel runs.
  services().sites.start();
  await services()
    .runs.start()
    .catch((error: unknown) => console.error("Could not resume runs at start-up:", error));
}
