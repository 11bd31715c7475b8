"""The live room (课堂互动): participants answer from their phones, the notebooks update.

``isq room start --workshop DIR`` serves phone pages from the trainer's laptop
(:mod:`.server`); answers go into ``DIR/room.sqlite`` (:mod:`.store`) and come back as the
tables the models take (``isq.room_responses``, :mod:`.frames`); ``isq.room_export`` writes
them into the workshop folder for ``isq outcomes``; :mod:`.live` has the notebook widgets;
:mod:`.simulate` drives a room with simulated phones. Nothing is imported here, so
``isq --help`` stays fast.
"""

__all__ = []
