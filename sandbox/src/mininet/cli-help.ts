/**
 * The Mininet CLI's help texts (mininet/cli.py 2.3.0, Python's cmd.Cmd layout;
 * reference/mininet.md §2.2). Docstrings keep their source indentation as Python ≤ 3.12 prints them.
 */
export const CLI_HELP = `
Documented commands (type help <topic>):
========================================
EOF    gterm  iperfudp  nodes        pingpair      py      switch  xterm
dpctl  help   link      noecho       pingpairfull  quit    time  
dump   intfs  links     pingall      ports         sh      wait  
exit   iperf  net       pingallfull  px            source  x     

You may also send a command to a node using:
  <node> command {args}
For example:
  mininet> h1 ifconfig

The interpreter automatically substitutes IP addresses
for node names when a node is the first arg, so commands
like
  mininet> h2 ping h3
should work.

Some character-oriented interactive commands require
noecho:
  mininet> noecho h2 vi foo.py
However, starting up an xterm/gterm is generally better:
  mininet> xterm h2

`;

const IND = '           ';

export const CLI_DOCS: Record<string, string> = {
  EOF: 'Exit',
  exit: 'Exit',
  quit: 'Exit',
  dpctl: `Run dpctl (or ovs-ofctl) command on all switches.\n${IND}Usage: dpctl command [arg1] [arg2] ...`,
  dump: 'Dump node info.',
  gterm: `Spawn gnome-terminal(s) for the given node(s).\n${IND}Usage: gterm node1 node2 ...`,
  help: 'Describe available CLI commands.',
  intfs: 'List interfaces.',
  iperf: `Simple iperf TCP test between two (optionally specified) hosts.\n${IND}Usage: iperf node1 node2`,
  iperfudp: `Simple iperf UDP test between two (optionally specified) hosts.\n${IND}Usage: iperfudp bw node1 node2`,
  link: `Bring link(s) between two nodes up or down.\n${IND}Usage: link node1 node2 [up/down]`,
  links: 'Report on links',
  net: 'List network connections.',
  nodes: 'List all nodes.',
  noecho: `Run an interactive command with echoing turned off.\n${IND}Usage: noecho [cmd args]`,
  pingall: 'Ping between all hosts.',
  pingallfull: 'Ping between all hosts, returns all ping results.',
  pingpair: 'Ping between first two hosts, useful for testing.',
  pingpairfull: 'Ping between first two hosts, returns all ping results.',
  ports: 'display ports and interfaces for each switch',
  px: `Execute a Python statement.\n${IND} Node names may be used, e.g.: px print h1.cmd('ls')`,
  py: `Evaluate a Python expression.\n${IND}Node names may be used, e.g.: py h1.cmd('ls')`,
  sh: `Run an external shell command\n${IND}Usage: sh [cmd args]`,
  source: `Read commands from an input file.\n${IND}Usage: source <file>`,
  switch: 'Starts or stops a switch',
  time: 'Measure time taken for any command in Mininet.',
  wait: 'Wait until all switches have connected to a controller',
  x: `Create an X11 tunnel to the given node,\n${IND}optionally starting a client.\n${IND}Usage: x node [cmd args]`,
  xterm: `Spawn xterm(s) for the given node(s).\n${IND}Usage: xterm node1 node2 ...`,
};

export const CLI_COMMANDS = Object.keys(CLI_DOCS).sort();
