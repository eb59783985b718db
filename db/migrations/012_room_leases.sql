-- Several processes on one database (issue #18): a room is served by one process at a time, the
-- holder of its lease. Every append names the lease's epoch and is refused in the same
-- transaction when the room has been taken over since, so a process that was paused or cut off
-- can never write a room again once another holds it. A lease is renewed while its room is in
-- memory and released when it leaves; an expired one may be taken by any process, and a process
-- may always take back what its own name holds (it restarted: the old incarnation is fenced by
-- the new epoch). NOTIFY only wakes (casecircle_notices); the order is in the tables.
CREATE TABLE room_leases (
    room_id    text PRIMARY KEY REFERENCES rooms (room_id) ON DELETE CASCADE,
    node       text NOT NULL,
    epoch      bigint NOT NULL CHECK (epoch > 0),
    expires_at timestamptz NOT NULL
);

-- The new epoch, or none while another process holds a live lease; then it is asked to hand the
-- room over, and wait_ms says when the lease runs out at the latest. No epoch and no holder: the
-- room does not exist.
CREATE FUNCTION take_room_lease(p_room text, p_node text, p_ttl_ms integer,
                                OUT epoch bigint, OUT holder text, OUT wait_ms integer)
LANGUAGE plpgsql AS $$
DECLARE
    l record;
BEGIN
    SELECT * INTO l FROM room_leases r WHERE r.room_id = p_room FOR UPDATE;
    IF NOT FOUND THEN
        IF NOT EXISTS (SELECT FROM rooms r WHERE r.room_id = p_room) THEN
            RETURN;
        END IF;
        INSERT INTO room_leases VALUES (p_room, p_node, 1, now() + p_ttl_ms * interval '1 ms')
            ON CONFLICT DO NOTHING;
        IF FOUND THEN
            epoch := 1; holder := p_node; wait_ms := 0;
        ELSE
            holder := ''; wait_ms := 100; -- taken this instant by another process
        END IF;
        RETURN;
    END IF;
    IF l.node <> p_node AND l.expires_at > clock_timestamp() THEN
        PERFORM pg_notify('casecircle_notices', 'handover ' || p_room);
        holder := l.node;
        wait_ms := ceil(extract(epoch FROM l.expires_at - clock_timestamp()) * 1000)::integer;
        RETURN;
    END IF;
    UPDATE room_leases r SET node = p_node, epoch = l.epoch + 1,
                             expires_at = now() + p_ttl_ms * interval '1 ms'
        WHERE r.room_id = p_room;
    epoch := l.epoch + 1; holder := p_node; wait_ms := 0;
END;
$$;

-- Called in every append transaction before the room's rows: the lease row is locked against a
-- take-over (FOR KEY SHARE conflicts with take_room_lease's FOR UPDATE, not with a renewal), so a
-- take-over waits for an append in flight and every later append of the old epoch is refused.
CREATE FUNCTION room_fence(p_room text, p_epoch bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM FROM room_leases r WHERE r.room_id = p_room AND r.epoch = p_epoch FOR KEY SHARE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'room % is served by another process now (lease epoch % is over)',
            p_room, p_epoch USING ERRCODE = 'CC001';
    END IF;
END;
$$;

GRANT SELECT, INSERT ON room_leases TO casecircle_app;
GRANT UPDATE (node, epoch, expires_at) ON room_leases TO casecircle_app;
GRANT SELECT, DELETE ON room_leases TO casecircle_retention;
