// Compile-time only (tsconfig.json): window.waymark.stage()'s published type (snippet/waymark.d.ts) is what /v1/stage answers.
import type { PublicStanding } from '../../worker/identity/public-stage';
import type { WaymarkStanding } from '../../snippet/waymark';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const answerIsTheWorkers = (answer: PublicStanding): WaymarkStanding => answer;
export const sameFields: Same<keyof PublicStanding, keyof WaymarkStanding> = true;
