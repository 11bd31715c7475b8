"""The live room (课堂互动): participants answer from their phones, the notebooks update.

``isq room start --workshop DIR`` serves phone pages from the trainer's laptop
(:mod:`.server`); answers go into ``DIR/room.sqlite`` (:mod:`.store`) and come back as the
tables the models take (:func:`room_responses`); :func:`room_export` writes them into the
workshop folder for ``isq outcomes``; :mod:`.live` has the notebook widgets.
"""

from .activities import ACTIVITIES, build_spec, check_answer
from .frames import room_export, room_progress, room_responses, room_summary
from .store import RoomStore

__all__ = ["ACTIVITIES", "build_spec", "check_answer", "room_responses", "room_export", "room_progress",
           "room_summary", "RoomStore"]
