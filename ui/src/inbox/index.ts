export { InboxButton } from "./InboxButton";
