/** TN2xxx: names, units, schedules, declarations. */
export const CHECK = {
  unknownName: "TN2001",
} as const;
