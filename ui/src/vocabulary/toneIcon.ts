import {
  type Icon,
  IconAlertTriangle,
  IconBell,
  IconCircleCheck,
  IconCircleX,
  IconInfoCircle,
} from "@tabler/icons-react";
import type { Tone } from "../bindings/types";

/** The icon of a message carrying only a tone (an inbox entry), matching the vocabulary's use of each tone. */
export function toneIcon(tone: Tone): Icon {
  switch (tone) {
    case "success":
      return IconCircleCheck;
    case "warning":
      return IconAlertTriangle;
    case "danger":
      return IconCircleX;
    case "info":
      return IconInfoCircle;
    case "neutral":
      return IconBell;
  }
}
