export function Crosswalks() { return null; }
