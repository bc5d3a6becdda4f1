/** TN30xx: run time (evaluation of a checked program over period data). */
export const RUN = {
  negativePayment: "TN3001",
} as const;
