import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "@mantine/dates/styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { HashRouter } from "react-router";
import { App } from "./App";
import { AppProviders } from "./AppProviders";
import { createQueryClient } from "./api";
import { commands, platform } from "./platform";

const root = document.getElementById("root");
if (root === null) throw new Error("index.html has no #root element");

// HashRouter: the app is served from Tauri's custom protocol, where only the fragment is ours.
createRoot(root).render(
  <StrictMode>
    <AppProviders commands={commands} platform={platform} queryClient={createQueryClient()} Router={HashRouter}>
      <App />
    </AppProviders>
  </StrictMode>,
);
