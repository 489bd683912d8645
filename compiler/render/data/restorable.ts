// The databases `npm run restore` can bring back: its own module, so the command's usage line needs none of the renderers.
export const RESTORABLE = ["mysql", "mongodb"] as const;
export type Restorable = (typeof RESTORABLE)[number];
