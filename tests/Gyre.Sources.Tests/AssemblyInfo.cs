// The integration tests drive git, sshd, gpg and docker-registry from Debian packages: POSIX only.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
