export { fallbackIcon, iconFor } from "./icons";
export { present, toneColor, type VocabularyCode, type VocabularyIcon } from "./present";
export { StatusBadge } from "./StatusBadge";
export { toneIcon } from "./toneIcon";
