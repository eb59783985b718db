-- A guest link is used up in the same commit that admits the guest, not when it is looked up:
-- a join the session refuses leaves the link as it was. Called in the event writer's batch; a
-- link used or expired meanwhile (two guests racing on one link) fails that room's commit.
CREATE FUNCTION redeem_guest_invitation(hash text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    UPDATE guest_invitations SET used_at = now()
        WHERE invitation_hash = hash AND used_at IS NULL AND expires_at > now();
    IF NOT FOUND THEN
        RAISE EXCEPTION 'guest invitation used or expired' USING ERRCODE = 'check_violation';
    END IF;
END
$$;
