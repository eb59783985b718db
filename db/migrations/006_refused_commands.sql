-- A command id takes effect once, and a refused one stays refused: a client that resends it after
-- a restart gets the same answer, not a second decision against a later state.
CREATE TABLE room_rejections (
    room_id     text NOT NULL REFERENCES rooms (room_id) ON DELETE CASCADE,
    actor       text NOT NULL,
    command_id  text NOT NULL,
    code        text NOT NULL,
    message_de  text NOT NULL,
    message_en  text NOT NULL,
    PRIMARY KEY (room_id, actor, command_id)
);
