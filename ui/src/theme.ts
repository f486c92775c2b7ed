import { Badge, createTheme } from "@mantine/core";

// A calm, dense console: small radii, compact controls, system fonts that match the OS.
export const theme = createTheme({
  primaryColor: "blue",
  defaultRadius: "sm",
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  fontFamilyMonospace: "ui-monospace, 'SF Mono', 'Cascadia Mono', 'Roboto Mono', Menlo, Consolas, monospace",
  fontSizes: { md: "14px" },
  components: {
    Button: { defaultProps: { size: "sm" } },
    // Vocabulary labels are shown as written ("Partially succeeded"), never shouted, and a
    // badge never shrinks into an ellipsis inside a tight table cell.
    Badge: Badge.extend({ styles: { root: { textTransform: "none", minWidth: "max-content" } } }),
    Tooltip: { defaultProps: { withArrow: true } },
    // A closed select renders no options: Mantine keeps them mounted (hidden) by default, and a
    // tenant filter of 500 options then cost 30 ms on every render of its page.
    // (A plain entry: `Combobox.extend` would pull the select code into the first screen's bundle.)
    Combobox: { defaultProps: { keepMounted: false } },
  },
});
