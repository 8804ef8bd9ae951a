const EARTH_RADIUS_KM = 6371.0088;

/** A point on the earth in decimal degrees. */
export interface LatLon {
  latitude: number;
  longitude: number;
}

/** Great-circle distance in kilometres (haversine). */
export function greatCircleKm(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Scheduled block time (gate to gate) in minutes, rounded up to 5: taxi out and in, climb
 * and descent, then cruise over a path ~5% longer than the great circle (airways, winds).
 */
export function blockMinutes(distanceKm: number, cruiseKmh: number): number {
  const taxi = distanceKm < 1500 ? 25 : 35;
  const climbDescent = 20;
  const airborne = ((distanceKm * 1.05) / cruiseKmh) * 60;
  return Math.ceil((taxi + climbDescent + airborne) / 5) * 5;
}
