// Time units of the scoring core (it imports nothing outside worker/scoring/).
export const DAY_MS = 86_400_000;
