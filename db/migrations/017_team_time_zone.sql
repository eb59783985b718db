-- Local time per team (issue #20): the team admin chooses the team's time zone in the API. The
-- server stores only a name its zone database knows (server/api_team.cpp), and every date and
-- time the team reads is computed in it.
GRANT UPDATE (time_zone) ON teams TO casecircle_app;
