/** Hands a value to the browser as a downloaded `.json` file (export). */
export function downloadJson(fileName: string, value: unknown) {
  const blob = new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next task: Chromium reads the URL asynchronously after the click.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
