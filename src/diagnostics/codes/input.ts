/** TN31xx: inputs (period rows and events). */
export const INPUT = {
  missingValue: "TN3101",
} as const;
