// The spawn helper's program, in Perl (part of every Debian/Ubuntu base system and of macOS).
// Forking the agent itself costs page tables in proportion to its memory, on every task, and
// blocks its event loop while it happens; this helper is a few MB, so its forks are cheap.
//
// Protocol, over the helper's stdin and stdout:
// - request: "<length>\n" then <length> bytes: NUL-separated fields
//   id, cwd, stdout path, stderr path, file, argv0, uid, gid ("-": the helper's own), argument
//   count, the arguments, then
//   NAME=value environment entries (argv and environment strings cannot hold NUL).
// - "S <id> <pid>": started, in a new session and process group (pgid = pid).
// - "F <id> <errno>": not started (chdir, open or exec failed with that errno).
// - "E <id> <exit code> <signal>": the process ended (signal 0 when it exited by itself).
// EOF on stdin ends the helper; the processes it started run on, in their own groups.

/** The helper's Perl source, run with `perl -e`. */
export const spawnHelperScript = String.raw`
use strict;
use warnings;
use POSIX ();
$| = 1;
binmode STDIN;
binmode STDOUT;
my %ids;
my $buffer = '';
$SIG{CHLD} = sub { };
$SIG{PIPE} = 'DEFAULT';

sub reap {
  while ((my $pid = waitpid(-1, POSIX::WNOHANG())) > 0) {
    my $status = $?;
    my $id = delete $ids{$pid};
    next unless defined $id;
    my $signal = $status & 127;
    my $code = $signal ? 0 : ($status >> 8);
    print "E $id $code $signal\n";
  }
}

sub start {
  my @fields = split /\0/, $_[0], -1;
  my ($id, $cwd, $out, $err, $file, $argv0, $uid, $gid, $count) = splice(@fields, 0, 9);
  my @args = splice(@fields, 0, $count);
  my @env = @fields;
  pipe(my $reader, my $writer) or do { print "F $id ", ($! + 0), "\n"; return; };
  my $pid = fork();
  if (!defined $pid) { print "F $id ", ($! + 0), "\n"; return; }
  if ($pid == 0) {
    close $reader;
    my $fail = sub { syswrite $writer, pack('N', $! + 0); POSIX::_exit(127); };
    POSIX::setsid();
    %ENV = ();
    for my $entry (@env) { my ($name, $value) = split /=/, $entry, 2; $ENV{$name} = $value; }
    chdir $cwd or $fail->();
    open(STDIN, '<', '/dev/null') or $fail->();
    open(STDOUT, '>', $out) or $fail->();
    open(STDERR, '>', $err) or $fail->();
    # As Node's spawn: directory and files as the helper, then only the task's group (no
    # supplementary groups: $) takes "egid groups"), then the user; checked, since Perl's
    # assignments report failure only through $!.
    if ($gid ne '-') {
      $) = "$gid $gid";
      POSIX::setgid($gid) or $fail->();
      if (($( + 0) != $gid || ($) + 0) != $gid) { $! = POSIX::EPERM(); $fail->(); }
    }
    if ($uid ne '-') {
      POSIX::setuid($uid) or $fail->();
      if ($< != $uid || $> != $uid) { $! = POSIX::EPERM(); $fail->(); }
    }
    { no warnings 'exec'; exec { $file } $argv0, @args; }
    $fail->();
  }
  close $writer;
  my $got = sysread($reader, my $errno, 4);
  close $reader;
  if ($got) {
    waitpid($pid, 0);
    print "F $id ", unpack('N', $errno), "\n";
    return;
  }
  $ids{$pid} = $id;
  print "S $id $pid\n";
}

while (1) {
  reap();
  my $ready = '';
  vec($ready, fileno(STDIN), 1) = 1;
  my $found = select($ready, undef, undef, 0.25);
  next if $found <= 0;
  my $got = sysread(STDIN, $buffer, 65536, length $buffer);
  if (!defined $got) { next if $!{EINTR}; exit 0; }
  exit 0 if $got == 0;
  while ($buffer =~ /\A(\d+)\n/) {
    my $head = length($1) + 1;
    my $length = $1;
    last if length($buffer) < $head + $length;
    my $record = substr($buffer, $head, $length);
    substr($buffer, 0, $head + $length) = '';
    start($record);
  }
}
`;
