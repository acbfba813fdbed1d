/** CRC-32 (ISO 3309), as PNG chunks carry it. */
export function crc32(bytes: Uint8Array): number;
/** An 8-bit RGBA PNG of `rgba` (straight alpha, row-major, width * height * 4 bytes). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer;
