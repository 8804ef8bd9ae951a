import type { Sql } from "./postgres.ts";

/** Everything Contrail holds about a user (GDPR art. 15), as plain JSON. */
export async function exportUserData(sql: Sql, userId: string) {
  const [user] = await sql`
    SELECT id, email, name, role, home_airport, created_at, updated_at
    FROM users WHERE id = ${userId}`;
  const bookings = await sql`
    SELECT b.id, b.pnr, b.status, b.total_amount, b.currency, b.contact_email, b.created_at,
           b.confirmed_at, b.cancelled_at,
           COALESCE((SELECT json_agg(json_build_object('flightId', g.flight_id,
                       'flight', f.carrier || f.flight_number, 'cabin', g.cabin,
                       'seats', g.seats, 'status', g.status) ORDER BY f.departure_at)
                     FROM booking_segments g JOIN flights f ON f.id = g.flight_id
                     WHERE g.booking_id = b.id), '[]') AS segments,
           COALESCE((SELECT json_agg(json_build_object('firstName', p.first_name,
                       'lastName', p.last_name, 'dateOfBirth', p.date_of_birth, 'email', p.email)
                       ORDER BY p.position)
                     FROM booking_passengers p WHERE p.booking_id = b.id), '[]') AS passengers,
           COALESCE((SELECT json_agg(json_build_object('number', t.number,
                       'coupons', (SELECT json_agg(json_build_object('coupon', c.coupon,
                         'flightId', c.flight_id, 'seat', c.seat, 'status', c.status)
                         ORDER BY c.coupon) FROM ticket_coupons c
                         WHERE c.ticket_number = t.number)) ORDER BY t.passenger_position)
                     FROM tickets t WHERE t.booking_id = b.id), '[]') AS tickets,
           COALESCE((SELECT json_agg(json_build_object('kind', y.kind, 'amount', y.amount,
                       'currency', y.currency, 'status', y.status, 'cardBrand', y.card_brand,
                       'cardLast4', y.card_last4, 'createdAt', y.created_at))
                     FROM payments y WHERE y.booking_id = b.id), '[]') AS payments
    FROM bookings b
    WHERE b.user_id = ${userId} ORDER BY b.created_at`;
  const notifications = await sql`
    SELECT kind, title, body, read_at, created_at FROM notifications
    WHERE user_id = ${userId} ORDER BY created_at`;
  const sessions = await sql`
    SELECT created_at, expires_at, rotated_at, revoked_at FROM refresh_tokens
    WHERE user_id = ${userId} ORDER BY created_at`;
  const audit = await sql`
    SELECT action, entity_type, entity_id, created_at FROM audit_log
    WHERE actor_user_id = ${userId} OR (entity_type = 'user' AND entity_id = ${userId})
    ORDER BY created_at`;
  const searches = await sql`
    SELECT origin, destination, travel_date, searched_at FROM search_history
    WHERE user_id = ${userId} ORDER BY searched_at`;
  const waitlist = await sql`
    SELECT flight_id, cabin, passengers, status, created_at FROM waitlist
    WHERE user_id = ${userId} ORDER BY created_at`;
  const notificationPreferences = await sql`
    SELECT kind, email, push, updated_at FROM notification_preferences
    WHERE user_id = ${userId} ORDER BY kind`;
  const pushSubscriptions = await sql`
    SELECT endpoint, user_agent, created_at, last_sent_at FROM push_subscriptions
    WHERE user_id = ${userId} ORDER BY created_at`;
  const emails = await sql`
    SELECT template, recipient, payload, status, created_at, sent_at,
           COALESCE((SELECT json_agg(a->>'filename') FROM jsonb_array_elements(attachments) a),
             '[]') AS attachments
    FROM email_outbox WHERE user_id = ${userId} ORDER BY created_at`;
  return {
    user,
    bookings,
    notifications,
    notificationPreferences,
    pushSubscriptions,
    emails,
    searches,
    waitlist,
    sessions,
    audit,
  };
}

/**
 * Erases a user's personal data (GDPR art. 17) while keeping what the law requires for
 * accounting: bookings, tickets and payments stay, with their amounts, card brand and last
 * four digits. Names, contact details, dates of birth, the password, sessions, notifications
 * with their preferences, push subscriptions, searches, waitlist parties and email go.
 * Returns the ids of the bookings whose travellers' names it erased.
 */
export async function anonymizeUser(
  sql: Sql,
  userId: string,
  now: Date,
  requestId?: string,
): Promise<string[]> {
  return await sql.begin(async (tx) => {
    await tx`
      UPDATE users SET email = ${`erased-${userId}@invalid.contrail`}, name = 'Erased user',
             password_hash = NULL, home_airport = NULL, anonymized_at = ${now}, updated_at = ${now}
      WHERE id = ${userId}`;
    await tx`UPDATE refresh_tokens SET revoked_at = ${now} WHERE user_id = ${userId} AND revoked_at IS NULL`;
    await tx`DELETE FROM notifications WHERE user_id = ${userId}`;
    await tx`DELETE FROM notification_preferences WHERE user_id = ${userId}`;
    await tx`DELETE FROM push_subscriptions WHERE user_id = ${userId}`;
    // Queued mail would go to an address that is being erased: drop it with what was sent.
    await tx`DELETE FROM email_outbox WHERE user_id = ${userId}`;
    await tx`DELETE FROM dev_mailbox WHERE user_id = ${userId}`;
    await tx`DELETE FROM search_history WHERE user_id = ${userId}`;
    await tx`UPDATE waitlist SET status = 'cancelled' WHERE user_id = ${userId}
             AND status IN ('waiting', 'offering')`;
    await tx`UPDATE waitlist SET passengers = '[]' WHERE user_id = ${userId}`;
    const bookings = await tx<{ id: string }[]>`
      UPDATE bookings SET contact_email = NULL, updated_at = ${now} WHERE user_id = ${userId}
      RETURNING id`;
    // The travellers' names go too: a ticket keeps its number, coupons, seats and fares.
    await tx`
      UPDATE booking_passengers SET email = NULL, date_of_birth = NULL,
        first_name = 'Erased', last_name = 'Passenger'
      WHERE booking_id IN (SELECT id FROM bookings WHERE user_id = ${userId})`;
    // Answers stored for replays before they were kept as ids only.
    await tx`
      UPDATE payments SET response = jsonb_build_object('status', response->'status',
        'body', jsonb_build_object('paid', jsonb_build_object('bookingId', booking_id,
          'paymentId', id)))
      WHERE booking_id IN (SELECT id FROM bookings WHERE user_id = ${userId})
        AND (response->>'status')::int = 200`;
    await tx`
      INSERT INTO audit_log (actor_user_id, action, entity_type, entity_id, request_id)
      VALUES (NULL, 'user.erased', 'user', ${userId}, ${requestId ?? null})`;
    return bookings.map((b) => b.id);
  });
}
