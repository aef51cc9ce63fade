"""Jobs: whole documents and archives translated, resumably, on one machine or a Ray cluster.

- :mod:`.document`: one document translated in chunks (``run_job``), with
  the fingerprint a resume must match;
- :mod:`.chunks`: its chunks planned ahead and fed to the engine as one
  stream of batches;
- :mod:`.checkpoint`: the progress file that lets an interrupted run resume;
- :mod:`.inputs`: the files a folder or glob names;
- :mod:`.ray_driver` and :mod:`.ray_worker`: the same job on Ray, the
  driver's half and each worker's.

Jobs build their translators from :mod:`translate.engines` and translate
with :mod:`translate.pipeline`; they import no command.
"""
