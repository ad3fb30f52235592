/**
 * flyctl's output formats at v0.4.87, rebuilt from its source so the fake prints what flyctl
 * prints, byte for byte: scripts parse these, and a docs sample is not a source.
 */

/**
 * render.JSON (flyctl internal/render/render.go@v0.4.87): encoding/json's Encoder with
 * SetIndent("", "    "), whose default EscapeHTML writes <, >, & and U+2028/U+2029 as \uXXXX,
 * and whose Encode ends with a newline. Keys come in the Go struct's field order, which the
 * callers keep by building objects in that order.
 */
export function goJson(value) {
  const text = JSON.stringify(value, null, 4) ?? "null";
  return `${text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}\n`;
}

/** aurora.Bold (logrusorgru/aurora v2.0.3, value.go): the escape codes are written even when stdout is not a terminal. */
export function bold(text) {
  return `\x1b[1m${text}\x1b[0m`;
}

/**
 * One line of olekukonko/tablewriter v1.1.4 (renderer/blueprint.go renderLine and formatCell,
 * zoo.go updateWidths) as flyctl configures it: borders off, so no `│` at either end; one space
 * of padding on each side of a cell; every cell left-aligned and padded to its column's widest
 * content, the last one included, so a line ends in a space; `│` (U+2502) between columns.
 * Cells are trimmed first (Behavior.TrimSpace defaults on). Widths count code points, which is
 * the display width for the ASCII the fake prints.
 */
function tableLines(rows) {
  const cells = rows.map((row) => row.map((cell) => String(cell).trim()));
  const widths = cells[0]?.map((_, i) => Math.max(...cells.map((row) => row[i].length))) ?? [];
  return cells.map((row) => `${row.map((cell, i) => ` ${cell.padEnd(widths[i])} `).join("│")}\n`);
}

/**
 * render.VerticalTable (internal/render/render.go@v0.4.87): the title in bold on its own line,
 * then one `key │ value` row per column with no header, then the empty line of fmt.Fprintln.
 */
export function verticalTable(title, pairs) {
  return `${title ? `${bold(title)}\n` : ""}${tableLines(pairs).join("")}\n`;
}

/**
 * render.Table (internal/render/render.go@v0.4.87): no title here; a header row with
 * Header.Formatting.AutoFormat on (tablewriter v1.1.4 tw/fn.go Title: words upper-cased) and no
 * line under it (ShowHeaderLine off), the rows, then the empty line of fmt.Fprintln.
 */
export function table(headers, rows) {
  return `${tableLines([headers.map((h) => h.replace(/_/g, " ").toUpperCase()), ...rows]).join("")}\n`;
}
