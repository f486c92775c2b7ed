import { createContext, type ReactNode, useContext } from "react";
import type { Commands } from "../bindings/commands";

// Components reach the backend only through this context, so tests (and a future HTTP twin)
// can supply their own `Commands`.
const CommandsContext = createContext<Commands | null>(null);

export function CommandsProvider({ commands, children }: { commands: Commands; children: ReactNode }) {
  return <CommandsContext.Provider value={commands}>{children}</CommandsContext.Provider>;
}

export function useCommands(): Commands {
  const commands = useContext(CommandsContext);
  if (commands === null) throw new Error("useCommands() needs a <CommandsProvider> above it");
  return commands;
}
