// The housing feature's public surface (pages are lazy routes; the panel is lazy in the participant page).
export {};
