// The gap explorer (served at /explore): choose a sector, home country and threshold, and see the value chain as a
// layered graph coloured by the home country's status; click a technology for the numbers behind it; search any
// technology, organization or sector; see a company's exposure. It talks to this server's /graphql only.
// This file only starts the page: the page is app.tsx and its parts.
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import './explorer.css';

createRoot(document.getElementById('explorer')!).render(<App />);
