/** One key combination, key by key: ["Ctrl", "K"]. */
export type KeyCombo = readonly string[];

/** What a shortcut does, and the combinations that do it (any one of them). */
export type Shortcut = { keys: readonly KeyCombo[]; does: string };

export type ShortcutGroup = { title: string; shortcuts: readonly Shortcut[] };

/**
 * Every keyboard shortcut the app handles itself, for the shortcut sheet: the global keys
 * (`FrameShortcuts`), the command palette's, the long tables' (`components/useVirtualGrid.ts`,
 * the Findings and Tenants tables' selection keys, a column's resize handle), the audit log's,
 * and the result lists that follow a search box (`components/arrowFocus.ts`: the Search page's,
 * the compare picker's objects). Keys a control has by nature (Tab, a menu's arrows) are not
 * listed. A shortcut added to the app is added here, and only then.
 */
export function shortcutGroups(mod: string): ShortcutGroup[] {
  return [
    {
      title: "Anywhere",
      shortcuts: [
        { keys: [[mod, "K"]], does: "Find a tenant, object, run or page (command palette)" },
        { keys: [["?"]], does: "Show these shortcuts (outside text fields)" },
        { keys: [["Esc"]], does: "Close the dialog or drawer on top" },
      ],
    },
    {
      title: "Command palette",
      shortcuts: [
        { keys: [["↑"], ["↓"]], does: "Move between results" },
        { keys: [["Enter"]], does: "Open the highlighted result" },
        { keys: [["Esc"]], does: "Close the palette" },
      ],
    },
    {
      title: "Tables: Overview, Tenants, Inventory, Operations, Findings",
      shortcuts: [
        { keys: [["↑"], ["↓"]], does: "Move the highlighted row" },
        { keys: [["Page Up"], ["Page Down"]], does: "Move the highlighted row by a screen" },
        { keys: [["Home"], ["End"]], does: "Highlight the first or the last row" },
        { keys: [["Enter"]], does: "Open the highlighted row" },
        {
          keys: [["Space"]],
          does: "Findings: select or unselect the highlighted finding (members who may acknowledge)",
        },
        {
          keys: [["Space"]],
          does: "Tenants: select or unselect the highlighted tenant (members who may sync or manage tenants)",
        },
        { keys: [["Esc"]], does: "Tenants: clear the selection" },
        { keys: [["Shift", "Click"]], does: "Tenants: select every row from the one clicked before" },
      ],
    },
    {
      title: "Column edges (Tab to one in a table's header)",
      shortcuts: [
        { keys: [["←"], ["→"]], does: "Move the edge: narrow or widen the column (with Shift: further)" },
        { keys: [["Home"], ["End"]], does: "Make the column as narrow or as wide as it may be" },
      ],
    },
    {
      title: "Audit log",
      shortcuts: [
        { keys: [["↑"], ["↓"]], does: "Move to the previous or the next entry" },
        { keys: [["Home"], ["End"]], does: "Move to the first or the last entry" },
        { keys: [["Enter"]], does: "Show the entry's details" },
      ],
    },
    {
      title: "Search page",
      shortcuts: [
        { keys: [["↓"]], does: "From the search box: move into the results" },
        { keys: [["↑"], ["↓"]], does: "Move to the previous or the next result (↑ on the first: back to the box)" },
        { keys: [["Home"], ["End"]], does: "Move to the first or the last result" },
        { keys: [["Enter"]], does: "Open the result" },
      ],
    },
    {
      title: "Compare with another tenant: its objects",
      shortcuts: [
        { keys: [["↓"]], does: "From the name filter: move into the list of objects" },
        { keys: [["↑"], ["↓"]], does: "Move to the previous or the next object (↑ on the first: back to the filter)" },
        { keys: [["Home"], ["End"]], does: "Move to the first or the last object" },
        { keys: [["Enter"]], does: "Compare with the object" },
      ],
    },
  ];
}
