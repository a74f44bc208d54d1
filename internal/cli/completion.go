package cli

import (
	"fmt"

	"github.com/urfave/cli/v2"
)

const bashCompletion = `# crmsync completion for bash; for zsh, run 'autoload -U +X bashcompinit && bashcompinit' first.
_crmsync_complete() {
  local cur opts
  COMPREPLY=()
  cur="${COMP_WORDS[COMP_CWORD]}"
  if [[ "$cur" == -* ]]; then
    opts=$("${COMP_WORDS[@]:0:$COMP_CWORD}" "$cur" --generate-bash-completion 2>/dev/null)
  else
    opts=$("${COMP_WORDS[@]:0:$COMP_CWORD}" --generate-bash-completion 2>/dev/null)
  fi
  COMPREPLY=($(compgen -W "${opts}" -- "${cur}"))
}
complete -o bashdefault -o default -F _crmsync_complete crmsync
`

func completionCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script (bash, or zsh with bashcompinit)",
		ArgsUsage: "bash|zsh",
		Description: `Examples:
   source <(crmsync completion bash)
   crmsync completion bash > /etc/bash_completion.d/crmsync`,
		Action: func(c *cli.Context) error {
			switch shell := c.Args().First(); shell {
			case "", "bash", "zsh":
				_, err := fmt.Fprint(s.out, bashCompletion)
				return err
			default:
				return withCode(exitError, fmt.Errorf("no completion for %q; use bash or zsh", shell))
			}
		},
	}
}
