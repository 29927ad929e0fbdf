// Copies text that is still being produced (the worker assembles the log), keeping the click's user
// activation where the browser allows a pending ClipboardItem; a page served over plain HTTP has no
// Clipboard API, so it falls back to a selected textarea and execCommand.

export async function copyText(text: Promise<string>): Promise<void> {
  if (window.isSecureContext && navigator.clipboard) {
    if (typeof ClipboardItem !== "undefined") {
      try {
        const blob = text.then((t) => new Blob([t], { type: "text/plain" }));
        await navigator.clipboard.write([new ClipboardItem({ "text/plain": blob })]);
        return;
      } catch {
        // Older engines reject a pending ClipboardItem: write the finished text instead.
      }
    }
    await navigator.clipboard.writeText(await text);
    return;
  }
  const area = document.createElement("textarea");
  area.value = await text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  if (!copied) throw new Error("The browser refused to copy.");
}
