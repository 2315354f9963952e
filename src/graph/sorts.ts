// Sort keys shared by lists: never null, so keyset cursors compare cleanly.
export const byName = "toLower(coalesce(n.name, ''))";
export const byTitle = "toLower(coalesce(n.title, ''))";
