// The published types of window.waymark (snippet/waymark.d.ts) against the Worker's own types, at compile time
// (tsconfig.node.json; the /v1/stage answer itself: test/unit/waymark-api.types.ts under the Worker's tsconfig).
import type { StageId } from '../../worker/scoring';
import type { WaymarkStageId, WaymarkTrackType } from '../../snippet/waymark';
import type { WireType } from '../../worker/ingest/wire-format';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const stagesAreTheWorkers: Same<StageId, WaymarkStageId> = true;
export const trackTypesAreOnTheWire = (type: WaymarkTrackType): WireType => type;
