import type { ReactNode } from "react";
import classes from "./PageHeader.module.css";

type PageHeaderProps = {
  /** The title and what stands under it (a count, a description, facts). */
  heading: ReactNode;
  /** Buttons, search and menus for the page; they move under the heading when the window is narrow. */
  actions?: ReactNode;
  /** Where heading and actions line up: their bottom edges (default) or their tops. */
  align?: "end" | "start";
};

/**
 * A page's title with its actions beside it. The heading never narrows below a readable
 * width: when both do not fit, the actions wrap onto their own line (and wrap among
 * themselves) instead of squeezing the title into a narrow column.
 */
export function PageHeader({ heading, actions, align = "end" }: PageHeaderProps) {
  return (
    <div className={classes.header} data-align={align}>
      <div className={classes.heading}>{heading}</div>
      {actions !== undefined && actions !== null && actions !== false && (
        <div className={classes.actions} data-testid="page-actions">
          {actions}
        </div>
      )}
    </div>
  );
}
